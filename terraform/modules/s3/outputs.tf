output "bucket_name" {
  description = "Media bucket name."
  value       = aws_s3_bucket.media.id
}

output "bucket_arn" {
  description = "Media bucket ARN (IRSA policy of the media service)."
  value       = aws_s3_bucket.media.arn
}
