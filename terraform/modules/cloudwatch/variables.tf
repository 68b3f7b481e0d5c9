variable "environment" {
  description = "Environment name."
  type        = string
}

variable "log_groups" {
  description = "Log groups created under /marketplace/<environment>/."
  type        = list(string)
  default     = ["application", "fluent-bit"]
}

variable "log_retention_days" {
  description = "Retention of every log group."
  type        = number
  default     = 365
}

variable "logs_kms_key_arn" {
  description = "KMS key for log groups and the alarm topic."
  type        = string
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the alarm topic."
  type        = list(string)
  default     = []
}

variable "rds_cluster_id" {
  description = "Aurora cluster identifier."
  type        = string
}

variable "elasticache_replication_group_id" {
  description = "ElastiCache replication group id."
  type        = string
}

variable "msk_cluster_name" {
  description = "MSK cluster name."
  type        = string
}

variable "docdb_cluster_id" {
  description = "DocumentDB cluster identifier."
  type        = string
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
