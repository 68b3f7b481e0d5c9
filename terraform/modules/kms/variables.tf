variable "alias" {
  description = "Alias without the alias/ prefix, e.g. marketplace-prod-data."
  type        = string
}

variable "description" {
  description = "What the key protects."
  type        = string
}

variable "allow_cloudwatch_logs" {
  description = "Let CloudWatch Logs of this account and region encrypt log groups with the key."
  type        = bool
  default     = false
}

variable "service_principals" {
  description = "AWS service principals (e.g. sns.amazonaws.com) allowed to use the key."
  type        = list(string)
  default     = []
}

variable "deletion_window_in_days" {
  description = "Waiting period before a scheduled key deletion completes."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
