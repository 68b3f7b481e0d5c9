output "cluster_name" {
  description = "Cluster name (CloudWatch alarms)."
  value       = aws_msk_cluster.this.cluster_name
}

output "cluster_arn" {
  description = "Cluster ARN (SCRAM secret association, IAM policies)."
  value       = aws_msk_cluster.this.arn
}

output "bootstrap_brokers_sasl_scram" {
  description = "Bootstrap brokers for SASL/SCRAM over TLS (KAFKA_BROKERS)."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_scram
}

output "bootstrap_brokers_sasl_iam" {
  description = "Bootstrap brokers for IAM auth over TLS."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_iam
}
