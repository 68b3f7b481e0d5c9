output "repository_urls" {
  description = "Repository URL per deployable."
  value       = { for name, repo in aws_ecr_repository.this : name => repo.repository_url }
}

output "repository_arns" {
  description = "Repository ARNs (CI push policy)."
  value       = [for repo in aws_ecr_repository.this : repo.arn]
}
