variable "name" {
  description = "Cluster name."
  type        = string
}

variable "vpc_id" {
  description = "VPC id."
  type        = string
}

variable "subnet_ids" {
  description = "One subnet per broker zone (database subnets)."
  type        = list(string)
}

variable "allowed_security_group_ids" {
  description = "Security groups allowed to connect."
  type        = list(string)
}

variable "kafka_version" {
  description = "Kafka version."
  type        = string
  default     = "3.9.x"
}

variable "broker_count" {
  description = "Brokers; a multiple of the number of subnets."
  type        = number
}

variable "instance_type" {
  description = "Broker instance type."
  type        = string
}

variable "volume_size" {
  description = "Broker EBS size in GiB."
  type        = number
  default     = 100
}

variable "kms_key_arn" {
  description = "KMS key for data at rest."
  type        = string
}

variable "logs_kms_key_arn" {
  description = "KMS key for the broker log group."
  type        = string
}

variable "log_retention_days" {
  description = "Broker log retention."
  type        = number
  default     = 365
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
