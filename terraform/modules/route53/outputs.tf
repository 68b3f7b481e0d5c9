output "zone_id" {
  description = "Hosted zone id (ExternalDNS filter)."
  value       = aws_route53_zone.this.zone_id
}

output "zone_arn" {
  description = "Hosted zone ARN (ExternalDNS IRSA policy)."
  value       = aws_route53_zone.this.arn
}

output "name_servers" {
  description = "Delegate the domain to these name servers."
  value       = aws_route53_zone.this.name_servers
}

output "certificate_arn" {
  description = "Validated certificate for the ALB."
  value       = aws_acm_certificate_validation.this.certificate_arn
}
