# Prod: one NAT gateway per zone, multi-AZ stores with replicas, longer backups, deletion protection.
module "platform" {
  source      = "../../modules/platform"
  environment = "prod"
  region      = var.region
  domain      = var.domain

  vpc_cidr           = "10.20.0.0/16"
  azs                = ["${var.region}a", "${var.region}b", "${var.region}c"]
  single_nat_gateway = false

  kubernetes_version         = "1.34"
  eks_endpoint_public_access = true
  eks_public_access_cidrs    = var.eks_public_access_cidrs
  admin_role_arns            = var.admin_role_arns
  node_groups = {
    general = {
      instance_types = ["m7i.xlarge", "m6i.xlarge"]
      min_size       = 3
      max_size       = 12
      desired_size   = 3
    }
  }

  aurora_instance_class = "db.r7g.large"
  aurora_instance_count = 2
  docdb_instance_class  = "db.r6g.large"
  docdb_instance_count  = 3
  cache_node_type       = "cache.r7g.large"
  cache_replicas        = 2
  kafka_broker_count    = 3
  kafka_instance_type   = "kafka.m7g.large"

  opensearch_instance_type          = "r7g.large.search"
  opensearch_instance_count         = 3
  opensearch_dedicated_master_count = 3
  opensearch_volume_size_gb         = 200
  search_instance_type              = "r7g.large.search"
  search_instance_count             = 2
  search_dedicated_master_count     = 3
  search_volume_size_gb             = 100

  backup_retention_days = 35
  deletion_protection   = true
  log_retention_days    = 400
  alarm_emails          = var.alarm_emails

  github_repository  = var.github_repository
  github_environment = "production"
}
