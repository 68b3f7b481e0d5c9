variable "region" {
  description = "AWS region."
  type        = string
  default     = "eu-west-1"
}

variable "domain" {
  description = "Domain of this environment."
  type        = string
}

variable "github_repository" {
  description = "owner/name of the GitHub repository."
  type        = string
}

variable "admin_role_arns" {
  description = "Operator roles with cluster-admin access."
  type        = list(string)
  default     = []
}

variable "eks_public_access_cidrs" {
  description = "CIDRs allowed to reach the EKS API (operators, CI runners)."
  type        = list(string)
}

variable "alarm_emails" {
  description = "Alarm recipients."
  type        = list(string)
  default     = []
}
