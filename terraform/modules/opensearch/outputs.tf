output "endpoint" {
  description = "Custom endpoint host (observability.opensearchHost; the chart's default logs.<domain>)."
  value       = aws_route53_record.logs.fqdn
}

output "domain_arn" {
  description = "Domain ARN (es:ESHttp* permissions of the shippers' IRSA roles)."
  value       = aws_opensearch_domain.this.arn
}
