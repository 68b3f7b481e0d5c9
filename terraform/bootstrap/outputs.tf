output "state_bucket" {
  description = "Pass to tofu init -backend-config=bucket=... in each environment."
  value       = aws_s3_bucket.state.id
}

output "images_role_arn" {
  description = "GitHub repository variable AWS_IMAGES_ROLE_ARN."
  value       = aws_iam_role.images.arn
}

output "registry" {
  description = "ECR registry host (GitHub variable ECR_REGISTRY, Helm global.imageRegistry)."
  value       = split("/", values(module.ecr.repository_urls)[0])[0]
}
