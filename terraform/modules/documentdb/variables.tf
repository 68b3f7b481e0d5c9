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
  description = "Security groups allowed to connect."
  type        = list(string)
}

variable "engine_version" {
  description = "DocumentDB engine version."
  type        = string
  default     = "5.0.0"
}

variable "instance_class" {
  description = "Instance class."
  type        = string
}

variable "instance_count" {
  description = "Instances (primary plus replicas)."
  type        = number
  default     = 2
}

variable "kms_key_arn" {
  description = "KMS key for storage and Performance Insights."
  type        = string
}

variable "backup_retention_days" {
  description = "Backup retention in days."
  type        = number
  default     = 14
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
