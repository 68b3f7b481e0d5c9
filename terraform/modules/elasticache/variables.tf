variable "name" {
  description = "Replication group id."
  type        = string
}

variable "vpc_id" {
  description = "VPC id."
  type        = string
}

variable "subnet_ids" {
  description = "Database subnets."
  type        = list(string)
}

variable "allowed_security_group_ids" {
  description = "Security groups allowed to connect."
  type        = list(string)
}

variable "engine_version" {
  description = "Valkey version."
  type        = string
  default     = "8.0"
}

variable "node_type" {
  description = "Cache node type."
  type        = string
}

variable "replicas" {
  description = "Read replicas; at least one, so a zone failure fails over instead of losing carts."
  type        = number
  default     = 1

  validation {
    condition     = var.replicas >= 1 && var.replicas <= 5
    error_message = "Use one to five replicas (Multi-AZ failover needs a replica)."
  }
}

variable "snapshot_retention_days" {
  description = "Daily snapshots kept."
  type        = number
  default     = 7
}

variable "kms_key_arn" {
  description = "KMS key for data at rest and the AUTH secret."
  type        = string
}

variable "logs_kms_key_arn" {
  description = "KMS key for the slow-log group."
  type        = string
}

variable "log_retention_days" {
  description = "Slow-log retention."
  type        = number
  default     = 365
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
