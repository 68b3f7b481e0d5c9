variable "region" {
  description = "AWS region of the state bucket and registries."
  type        = string
  default     = "eu-west-1"
}

variable "github_repository" {
  description = "owner/name of the GitHub repository."
  type        = string
}

variable "deployables" {
  description = "One ECR repository per deployable."
  type        = list(string)
  default = [
    "gateway", "tenants", "catalog", "media", "reviews", "cart", "inventory", "orders", "payments", "webhooks",
    "notifications", "storefront", "seller-portal", "admin-portal",
  ]
}
