output "cluster_id" {
  description = "Cluster identifier (CloudWatch alarms)."
  value       = aws_docdb_cluster.this.cluster_identifier
}

output "endpoint" {
  description = "Cluster endpoint."
  value       = aws_docdb_cluster.this.endpoint
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret with the master credentials."
  value       = aws_docdb_cluster.this.master_user_secret[0].secret_arn
}
