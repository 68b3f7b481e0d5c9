# Dev: same topology as prod, smallest sizes, one NAT gateway, short retention, no deletion protection.
module "platform" {
  source      = "../../modules/platform"
  environment = "dev"
  region      = var.region
  domain      = var.domain

  vpc_cidr           = "10.10.0.0/16"
  azs                = ["${var.region}a", "${var.region}b", "${var.region}c"]
  single_nat_gateway = true

  kubernetes_version         = "1.34"
  eks_endpoint_public_access = true
  eks_public_access_cidrs    = var.eks_public_access_cidrs
  admin_role_arns            = var.admin_role_arns
  node_groups = {
    general = {
      instance_types = ["m7i.large", "m6i.large"]
      capacity_type  = "SPOT"
      min_size       = 2
      max_size       = 5
      desired_size   = 3
    }
  }

  aurora_instance_class = "db.t4g.medium"
  aurora_instance_count = 1
  docdb_instance_class  = "db.t4g.medium"
  docdb_instance_count  = 1
  cache_node_type       = "cache.t4g.small"
  cache_replicas        = 1
  kafka_broker_count    = 3
  kafka_instance_type   = "kafka.t3.small"

  opensearch_instance_type          = "t3.medium.search"
  opensearch_instance_count         = 1
  opensearch_dedicated_master_count = 0
  opensearch_volume_size_gb         = 50
  search_instance_type              = "t3.medium.search"
  search_instance_count             = 1
  search_dedicated_master_count     = 0
  search_volume_size_gb             = 20

  backup_retention_days = 7
  deletion_protection   = false
  log_retention_days    = 365
  alarm_emails          = var.alarm_emails

  github_repository  = var.github_repository
  github_environment = "dev"
}
