variable "domain" {
  description = "Domain of the environment, e.g. marketplace.example.com or dev.marketplace.example.com."
  type        = string
}

variable "environment" {
  description = "Environment name."
  type        = string
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
