# An OpenSearch domain inside the VPC, encrypted at rest and in transit, reachable on
# https://<endpoint_prefix>.<domain> (the platform certificate covers it), writable only by the given IRSA
# roles (fine-grained access control, no internal users). Used twice: logs and traces (Fluent Bit, the
# OpenTelemetry collector; ADR 0034) and the catalog's buyer search (ADR 0041).
data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  domain_arn = "arn:${data.aws_partition.current.partition}:es:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:domain/${var.name}"
}

resource "aws_security_group" "this" {
  name        = "${var.name}-opensearch"
  description = "OpenSearch: HTTPS from the EKS cluster only"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  for_each                     = toset(var.allowed_security_group_ids)
  security_group_id            = aws_security_group.this.id
  description                  = "HTTPS from ${each.value}"
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
}

resource "aws_cloudwatch_log_group" "this" {
  for_each          = toset(["index-slow", "search-slow", "application", "audit"])
  name              = "/aws/opensearch/${var.name}/${each.value}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_kms_key_arn
  tags              = var.tags
}

data "aws_iam_policy_document" "log_publishing" {
  statement {
    actions   = ["logs:PutLogEvents", "logs:CreateLogStream"]
    resources = [for group in aws_cloudwatch_log_group.this : "${group.arn}:*"]
    principals {
      type        = "Service"
      identifiers = ["es.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_cloudwatch_log_resource_policy" "this" {
  policy_name     = "${var.name}-opensearch"
  policy_document = data.aws_iam_policy_document.log_publishing.json
}

data "aws_iam_policy_document" "access" {
  statement {
    sid       = "Shippers"
    actions   = ["es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut"]
    resources = ["${local.domain_arn}/*"]
    principals {
      type        = "AWS"
      identifiers = var.writer_role_arns
    }
  }
}

resource "aws_opensearch_domain" "this" {
  #checkov:skip=CKV2_AWS_59:Dedicated master nodes are a variable (dedicated_master_count, 3 in prod); dev runs without them to stay small.
  #checkov:skip=CKV_AWS_318:Dedicated master nodes are a variable (dedicated_master_count, 3 in prod); dev runs without them to stay small.
  domain_name     = var.name
  engine_version  = var.engine_version
  access_policies = data.aws_iam_policy_document.access.json

  cluster_config {
    instance_type            = var.instance_type
    instance_count           = var.instance_count
    zone_awareness_enabled   = var.instance_count > 1
    dedicated_master_enabled = var.dedicated_master_count > 0
    dedicated_master_type    = var.dedicated_master_count > 0 ? var.dedicated_master_type : null
    dedicated_master_count   = var.dedicated_master_count > 0 ? var.dedicated_master_count : null
    dynamic "zone_awareness_config" {
      for_each = var.instance_count > 1 ? [1] : []
      content {
        availability_zone_count = min(var.instance_count, 3, length(var.subnet_ids))
      }
    }
  }

  vpc_options {
    subnet_ids         = slice(var.subnet_ids, 0, var.instance_count > 1 ? min(var.instance_count, 3, length(var.subnet_ids)) : 1)
    security_group_ids = [aws_security_group.this.id]
  }

  ebs_options {
    ebs_enabled = true
    volume_type = "gp3"
    volume_size = var.volume_size_gb
  }

  encrypt_at_rest {
    enabled    = true
    kms_key_id = var.kms_key_arn
  }

  node_to_node_encryption {
    enabled = true
  }

  domain_endpoint_options {
    enforce_https                   = true
    tls_security_policy             = "Policy-Min-TLS-1-2-PFS-2023-10"
    custom_endpoint_enabled         = true
    custom_endpoint                 = "${var.endpoint_prefix}.${var.domain}"
    custom_endpoint_certificate_arn = var.certificate_arn
  }

  # Fine-grained access control with the IAM roles as the only writers: no internal user database.
  advanced_security_options {
    enabled                        = true
    anonymous_auth_enabled         = false
    internal_user_database_enabled = false
    master_user_options {
      master_user_arn = var.admin_role_arn
    }
  }

  log_publishing_options {
    log_type                 = "INDEX_SLOW_LOGS"
    enabled                  = true
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.this["index-slow"].arn
  }

  log_publishing_options {
    log_type                 = "SEARCH_SLOW_LOGS"
    enabled                  = true
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.this["search-slow"].arn
  }

  log_publishing_options {
    log_type                 = "ES_APPLICATION_LOGS"
    enabled                  = true
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.this["application"].arn
  }

  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    enabled                  = true
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.this["audit"].arn
  }

  auto_tune_options {
    desired_state       = "ENABLED"
    rollback_on_disable = "NO_ROLLBACK"
  }

  software_update_options {
    auto_software_update_enabled = true
  }

  tags       = var.tags
  depends_on = [aws_cloudwatch_log_resource_policy.this]
}

resource "aws_route53_record" "logs" {
  zone_id = var.zone_id
  name    = "${var.endpoint_prefix}.${var.domain}"
  type    = "CNAME"
  ttl     = 300
  records = [aws_opensearch_domain.this.endpoint]
}
