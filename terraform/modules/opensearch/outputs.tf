output "endpoint" {
  description = "Custom endpoint host (<endpoint_prefix>.<domain>)."
  value       = aws_route53_record.logs.fqdn
}

output "domain_arn" {
  description = "Domain ARN (es:ESHttp* permissions of the shippers' IRSA roles)."
  value       = aws_opensearch_domain.this.arn
}
