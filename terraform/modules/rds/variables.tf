variable "name" {
  description = "Cluster identifier."
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
  description = "Security groups allowed to connect (the EKS cluster security group)."
  type        = list(string)
}

variable "engine_version" {
  description = "Aurora MySQL version (8.0 compatible)."
  type        = string
  default     = "8.0.mysql_aurora.3.10.0"
}

variable "initial_database" {
  description = "Database created with the cluster; services create their own schemas on start."
  type        = string
  default     = "marketplace"
}

variable "instance_class" {
  description = "Instance class of every instance."
  type        = string
}

variable "instance_count" {
  description = "Writer plus readers; two or more spread across zones for failover."
  type        = number
  default     = 2
}

variable "kms_key_arn" {
  description = "KMS key for storage, the master secret and Performance Insights."
  type        = string
}

variable "backup_retention_days" {
  description = "Point-in-time recovery window."
  type        = number
  default     = 14
}

variable "backtrack_window_seconds" {
  description = "Aurora backtrack window (rewind after a bad migration without a restore)."
  type        = number
  default     = 86400
}

variable "deletion_protection" {
  description = "Refuse deletion of the cluster."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
