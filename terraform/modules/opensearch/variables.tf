variable "name" {
  description = "Domain name (at most 28 characters)."
  type        = string
}

variable "domain" {
  description = "Platform apex domain; the domain answers on logs.<domain>."
  type        = string
}

variable "endpoint_prefix" {
  description = "Host name of the custom endpoint under var.domain (logs, search)."
  type        = string
  default     = "logs"
}

variable "zone_id" {
  description = "Route 53 zone of the apex domain (CNAME logs.<domain>)."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate covering logs.<domain> (the platform's wildcard certificate)."
  type        = string
}

variable "vpc_id" {
  description = "VPC id."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets, one per availability zone used."
  type        = list(string)
}

variable "allowed_security_group_ids" {
  description = "Security groups allowed to connect (the EKS cluster)."
  type        = list(string)
}

variable "engine_version" {
  description = "OpenSearch engine version."
  type        = string
  default     = "OpenSearch_2.19"
}

variable "instance_type" {
  description = "Data node instance type."
  type        = string
}

variable "instance_count" {
  description = "Data nodes; more than one spreads them over availability zones."
  type        = number
}

variable "dedicated_master_count" {
  description = "Dedicated master nodes (0 or 3)."
  type        = number
  default     = 0
}

variable "dedicated_master_type" {
  description = "Dedicated master instance type."
  type        = string
  default     = "m7g.large.search"
}

variable "volume_size_gb" {
  description = "EBS volume per data node."
  type        = number
}

variable "kms_key_arn" {
  description = "KMS key for encryption at rest."
  type        = string
}

variable "logs_kms_key_arn" {
  description = "KMS key of the domain's own CloudWatch log groups."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the domain's own logs."
  type        = number
}

variable "writer_role_arns" {
  description = "IAM roles allowed to write and read documents (the Fluent Bit and collector IRSA roles)."
  type        = list(string)
}

variable "admin_role_arn" {
  description = "IAM role mapped to the security plugin's all_access role (operators)."
  type        = string
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
