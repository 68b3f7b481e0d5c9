# Public zone for the platform domain and a validated ACM certificate for the apex and every
# first-level name (storefront, api., seller., admin.). ExternalDNS (IRSA role scoped to this zone)
# writes the alias records for the ALB the load balancer controller creates from the Ingresses.
resource "aws_route53_zone" "this" {
  #checkov:skip=CKV2_AWS_38:DNSSEC signing needs a KMS key in us-east-1 and the DS record at the registrar; enabled as a manual step after delegation (docs/deploying-to-aws.md).
  #checkov:skip=CKV2_AWS_39:Query logging for public zones must write to a log group in us-east-1; the platform runs in one region and relies on ALB access logs instead.
  name    = var.domain
  comment = "Marketplace ${var.environment}"
  tags    = var.tags
}

resource "aws_acm_certificate" "this" {
  domain_name               = var.domain
  subject_alternative_names = ["*.${var.domain}"]
  validation_method         = "DNS"
  tags                      = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "validation" {
  for_each = {
    for option in aws_acm_certificate.this.domain_validation_options : option.domain_name => {
      name   = option.resource_record_name
      type   = option.resource_record_type
      record = option.resource_record_value
    }
  }
  zone_id         = aws_route53_zone.this.zone_id
  name            = each.value.name
  type            = each.value.type
  records         = [each.value.record]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "this" {
  certificate_arn         = aws_acm_certificate.this.arn
  validation_record_fqdns = [for record in aws_route53_record.validation : record.fqdn]
}
