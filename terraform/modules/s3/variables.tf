variable "bucket_name" {
  description = "Media bucket name (globally unique)."
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key for SSE-KMS."
  type        = string
}

variable "cors_allowed_origins" {
  description = "Origins of the apps that upload with presigned URLs."
  type        = list(string)
}

variable "noncurrent_version_days" {
  description = "Days a replaced or deleted object version is kept."
  type        = number
  default     = 90
}

variable "access_log_retention_days" {
  description = "Days access logs are kept."
  type        = number
  default     = 365
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
