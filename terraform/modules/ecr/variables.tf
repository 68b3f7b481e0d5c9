variable "prefix" {
  description = "Repository name prefix."
  type        = string
  default     = "marketplace"
}

variable "repositories" {
  description = "Deployable names."
  type        = list(string)
}

variable "kms_key_arn" {
  description = "KMS key for image encryption."
  type        = string
}

variable "keep_images" {
  description = "Images kept per repository (rollback window)."
  type        = number
  default     = 100
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
