variable "environment" {
  description = "Environment name (dev, prod)."
  type        = string
}

variable "region" {
  description = "AWS region."
  type        = string
}

variable "domain" {
  description = "Domain of the environment."
  type        = string
}

variable "vpc_cidr" {
  description = "VPC CIDR."
  type        = string
}

variable "azs" {
  description = "Availability zones."
  type        = list(string)
}

variable "single_nat_gateway" {
  description = "One NAT gateway instead of one per zone."
  type        = bool
}

variable "kubernetes_version" {
  description = "EKS version."
  type        = string
}

variable "eks_endpoint_public_access" {
  description = "Public EKS API endpoint (restricted to eks_public_access_cidrs)."
  type        = bool
}

variable "eks_public_access_cidrs" {
  description = "CIDRs allowed to reach the public EKS endpoint."
  type        = list(string)
}

variable "node_groups" {
  description = "Managed node groups (see modules/eks)."
  type = map(object({
    instance_types = list(string)
    capacity_type  = optional(string, "ON_DEMAND")
    min_size       = number
    max_size       = number
    desired_size   = number
    labels         = optional(map(string), {})
  }))
}

variable "admin_role_arns" {
  description = "Operator roles with cluster-admin access."
  type        = list(string)
}

variable "aurora_instance_class" {
  description = "Aurora instance class."
  type        = string
}

variable "aurora_instance_count" {
  description = "Aurora instances."
  type        = number
}

variable "docdb_instance_class" {
  description = "DocumentDB instance class."
  type        = string
}

variable "docdb_instance_count" {
  description = "DocumentDB instances."
  type        = number
}

variable "cache_node_type" {
  description = "ElastiCache node type."
  type        = string
}

variable "cache_replicas" {
  description = "ElastiCache replicas."
  type        = number
}

variable "kafka_broker_count" {
  description = "MSK brokers."
  type        = number
}

variable "kafka_instance_type" {
  description = "MSK broker type."
  type        = string
}

variable "opensearch_instance_type" {
  description = "OpenSearch data node instance type (logs and traces)."
  type        = string
}

variable "opensearch_instance_count" {
  description = "OpenSearch data nodes."
  type        = number
}

variable "opensearch_dedicated_master_count" {
  description = "OpenSearch dedicated master nodes (0 or 3)."
  type        = number
  default     = 0
}

variable "opensearch_volume_size_gb" {
  description = "EBS volume per OpenSearch data node."
  type        = number
}

variable "search_instance_type" {
  description = "OpenSearch data node instance type (buyer search, ADR 0041)."
  type        = string
}

variable "search_instance_count" {
  description = "OpenSearch data nodes of the search domain (2+ for a replica of every shard)."
  type        = number
}

variable "search_dedicated_master_count" {
  description = "Dedicated master nodes of the search domain (0 or 3)."
  type        = number
  default     = 0
}

variable "search_volume_size_gb" {
  description = "EBS volume per search data node."
  type        = number
}

variable "backup_retention_days" {
  description = "Backup retention of the databases."
  type        = number
}

variable "deletion_protection" {
  description = "Deletion protection of the databases."
  type        = bool
}

variable "log_retention_days" {
  description = "Retention of every log group."
  type        = number
}

variable "alarm_emails" {
  description = "Alarm recipients."
  type        = list(string)
}

variable "github_repository" {
  description = "owner/name of the GitHub repository that deploys."
  type        = string
}

variable "github_environment" {
  description = "GitHub environment whose jobs may assume the deploy role."
  type        = string
}

variable "tags" {
  description = "Extra tags."
  type        = map(string)
  default     = {}
}
