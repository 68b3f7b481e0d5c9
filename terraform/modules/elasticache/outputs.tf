output "replication_group_id" {
  description = "Replication group id (CloudWatch alarms)."
  value       = aws_elasticache_replication_group.this.id
}

output "primary_endpoint" {
  description = "Primary endpoint (rediss://)."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "auth_secret_arn" {
  description = "Secrets Manager secret with the AUTH token."
  value       = aws_secretsmanager_secret.auth.arn
}
