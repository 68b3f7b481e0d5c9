variable "name" {
  description = "Name prefix, e.g. marketplace-prod."
  type        = string
}

variable "region" {
  description = "AWS region (for the S3 gateway endpoint)."
  type        = string
}

variable "cidr" {
  description = "VPC CIDR; split into /20 subnets (public 0-3, private 4-7, database 8-11)."
  type        = string
}

variable "azs" {
  description = "Availability zones, two or three."
  type        = list(string)

  validation {
    condition     = length(var.azs) >= 2 && length(var.azs) <= 4
    error_message = "Use two to four availability zones."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones (cheaper, dev) instead of one per zone (prod)."
  type        = bool
  default     = false
}

variable "logs_kms_key_arn" {
  description = "KMS key for the flow log group."
  type        = string
}

variable "log_retention_days" {
  description = "Flow log retention."
  type        = number
  default     = 365
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
