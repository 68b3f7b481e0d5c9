# One environment of the platform: network, EKS, the managed stores the services use, media bucket,
# DNS and certificate, alarms, and the CI deploy role. environments/<env> call this with sizes.
locals {
  name = "marketplace-${var.environment}"
  tags = merge(var.tags, { Environment = var.environment, Project = "marketplace" })
  # Known before the domain exists, so the shippers' IRSA policies and the domain's access policy
  # do not depend on each other.
  opensearch_name       = "${local.name}-logs"
  opensearch_domain_arn = "arn:${data.aws_partition.current.partition}:es:${var.region}:${data.aws_caller_identity.current.account_id}:domain/${local.opensearch_name}"
  search_name           = "${local.name}-search"
  search_domain_arn     = "arn:${data.aws_partition.current.partition}:es:${var.region}:${data.aws_caller_identity.current.account_id}:domain/${local.search_name}"
  # The tenants service's OFFBOARDING_KEY_PREFIX (its default): export parts and archives live below it.
  offboarding_prefix       = "offboarding"
  offboarding_part_writers = ["reviews", "inventory", "orders", "payments", "notifications", "webhooks"]
}

data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

module "kms_data" {
  source      = "../kms"
  alias       = "${local.name}-data"
  description = "Marketplace ${var.environment} data stores (Aurora, DocumentDB, ElastiCache, MSK, S3, secrets)"
  tags        = local.tags
}

module "kms_logs" {
  source                = "../kms"
  alias                 = "${local.name}-logs"
  description           = "Marketplace ${var.environment} log groups and alarm topic"
  allow_cloudwatch_logs = true
  service_principals    = ["cloudwatch.amazonaws.com"]
  tags                  = local.tags
}

module "kms_eks" {
  source      = "../kms"
  alias       = "${local.name}-eks"
  description = "Marketplace ${var.environment} Kubernetes secrets and node volumes"
  tags        = local.tags
}

module "vpc" {
  source             = "../vpc"
  name               = local.name
  region             = var.region
  cidr               = var.vpc_cidr
  azs                = var.azs
  single_nat_gateway = var.single_nat_gateway
  logs_kms_key_arn   = module.kms_logs.key_arn
  log_retention_days = var.log_retention_days
  tags               = local.tags
}

module "eks" {
  source                 = "../eks"
  name                   = local.name
  kubernetes_version     = var.kubernetes_version
  subnet_ids             = module.vpc.private_subnet_ids
  endpoint_public_access = var.eks_endpoint_public_access
  public_access_cidrs    = var.eks_public_access_cidrs
  secrets_kms_key_arn    = module.kms_eks.key_arn
  ebs_kms_key_arn        = module.kms_eks.key_arn
  logs_kms_key_arn       = module.kms_logs.key_arn
  log_retention_days     = var.log_retention_days
  node_groups            = var.node_groups
  admin_role_arns        = var.admin_role_arns
  deployer_role_arns     = [aws_iam_role.deploy.arn]
  irsa_roles = merge({
    media = {
      namespace       = "marketplace"
      service_account = "media"
      policy_json     = data.aws_iam_policy_document.media.json
    }
    catalog = {
      namespace       = "marketplace"
      service_account = "catalog"
      policy_json     = data.aws_iam_policy_document.catalog.json
    }
    tenants = {
      namespace       = "marketplace"
      service_account = "tenants"
      policy_json     = data.aws_iam_policy_document.offboarding_coordinator.json
    }
    external-secrets = {
      namespace       = "external-secrets"
      service_account = "external-secrets"
      policy_json     = data.aws_iam_policy_document.external_secrets.json
    }
    external-dns = {
      namespace       = "external-dns"
      service_account = "external-dns"
      policy_json     = data.aws_iam_policy_document.external_dns.json
    }
    # Service accounts of the umbrella chart's observability templates (release "marketplace").
    fluent-bit = {
      namespace       = "marketplace"
      service_account = "marketplace-fluent-bit"
      policy_json     = data.aws_iam_policy_document.opensearch_writer.json
    }
    otel-collector = {
      namespace       = "marketplace"
      service_account = "marketplace-otel-collector"
      policy_json     = data.aws_iam_policy_document.opensearch_writer.json
    }
    },
    # The other services holding seller data write their part of a tenant export (ADR 0038).
    { for service in local.offboarding_part_writers : service => {
      namespace       = "marketplace"
      service_account = service
      policy_json     = data.aws_iam_policy_document.offboarding_parts.json
    } },
  )
  tags = local.tags
}

module "rds" {
  source                     = "../rds"
  name                       = local.name
  vpc_id                     = module.vpc.vpc_id
  subnet_ids                 = module.vpc.database_subnet_ids
  allowed_security_group_ids = [module.eks.cluster_security_group_id]
  instance_class             = var.aurora_instance_class
  instance_count             = var.aurora_instance_count
  kms_key_arn                = module.kms_data.key_arn
  backup_retention_days      = var.backup_retention_days
  deletion_protection        = var.deletion_protection
  tags                       = local.tags
}

module "documentdb" {
  source                     = "../documentdb"
  name                       = local.name
  vpc_id                     = module.vpc.vpc_id
  subnet_ids                 = module.vpc.database_subnet_ids
  allowed_security_group_ids = [module.eks.cluster_security_group_id]
  instance_class             = var.docdb_instance_class
  instance_count             = var.docdb_instance_count
  kms_key_arn                = module.kms_data.key_arn
  backup_retention_days      = var.backup_retention_days
  deletion_protection        = var.deletion_protection
  tags                       = local.tags
}

module "elasticache" {
  source                     = "../elasticache"
  name                       = local.name
  vpc_id                     = module.vpc.vpc_id
  subnet_ids                 = module.vpc.database_subnet_ids
  allowed_security_group_ids = [module.eks.cluster_security_group_id]
  node_type                  = var.cache_node_type
  replicas                   = var.cache_replicas
  kms_key_arn                = module.kms_data.key_arn
  logs_kms_key_arn           = module.kms_logs.key_arn
  log_retention_days         = var.log_retention_days
  tags                       = local.tags
}

module "msk" {
  source                     = "../msk"
  name                       = local.name
  vpc_id                     = module.vpc.vpc_id
  subnet_ids                 = module.vpc.database_subnet_ids
  allowed_security_group_ids = [module.eks.cluster_security_group_id]
  broker_count               = var.kafka_broker_count
  instance_type              = var.kafka_instance_type
  kms_key_arn                = module.kms_data.key_arn
  logs_kms_key_arn           = module.kms_logs.key_arn
  log_retention_days         = var.log_retention_days
  tags                       = local.tags
}

module "media_bucket" {
  source               = "../s3"
  bucket_name          = "${local.name}-media-${data.aws_caller_identity.current.account_id}"
  kms_key_arn          = module.kms_data.key_arn
  cors_allowed_origins = ["https://${var.domain}", "https://seller.${var.domain}", "https://admin.${var.domain}"]
  tags                 = local.tags
}

module "dns" {
  source      = "../route53"
  domain      = var.domain
  environment = var.environment
  tags        = local.tags
}

module "opensearch" {
  source                     = "../opensearch"
  name                       = local.opensearch_name
  domain                     = var.domain
  zone_id                    = module.dns.zone_id
  certificate_arn            = module.dns.certificate_arn
  vpc_id                     = module.vpc.vpc_id
  subnet_ids                 = module.vpc.private_subnet_ids
  allowed_security_group_ids = [module.eks.cluster_security_group_id]
  instance_type              = var.opensearch_instance_type
  instance_count             = var.opensearch_instance_count
  dedicated_master_count     = var.opensearch_dedicated_master_count
  volume_size_gb             = var.opensearch_volume_size_gb
  kms_key_arn                = module.kms_logs.key_arn
  logs_kms_key_arn           = module.kms_logs.key_arn
  log_retention_days         = var.log_retention_days
  writer_role_arns           = [module.eks.irsa_role_arns["fluent-bit"], module.eks.irsa_role_arns["otel-collector"]]
  admin_role_arn             = var.admin_role_arns[0]
  tags                       = local.tags
}

# Buyer search (ADR 0041): its own domain, sized for the catalog rather than for log volume, written and
# read only by the catalog's IRSA role (SigV4), on https://search.<domain>.
module "opensearch_search" {
  source                     = "../opensearch"
  name                       = local.search_name
  domain                     = var.domain
  endpoint_prefix            = "search"
  zone_id                    = module.dns.zone_id
  certificate_arn            = module.dns.certificate_arn
  vpc_id                     = module.vpc.vpc_id
  subnet_ids                 = module.vpc.private_subnet_ids
  allowed_security_group_ids = [module.eks.cluster_security_group_id]
  instance_type              = var.search_instance_type
  instance_count             = var.search_instance_count
  dedicated_master_count     = var.search_dedicated_master_count
  volume_size_gb             = var.search_volume_size_gb
  kms_key_arn                = module.kms_data.key_arn
  logs_kms_key_arn           = module.kms_logs.key_arn
  log_retention_days         = var.log_retention_days
  writer_role_arns           = [module.eks.irsa_role_arns["catalog"]]
  admin_role_arn             = var.admin_role_arns[0]
  tags                       = local.tags
}

module "cloudwatch" {
  source                           = "../cloudwatch"
  environment                      = var.environment
  log_retention_days               = var.log_retention_days
  logs_kms_key_arn                 = module.kms_logs.key_arn
  alarm_emails                     = var.alarm_emails
  rds_cluster_id                   = module.rds.cluster_id
  elasticache_replication_group_id = module.elasticache.replication_group_id
  msk_cluster_name                 = module.msk.cluster_name
  docdb_cluster_id                 = module.documentdb.cluster_id
  tags                             = local.tags
}
