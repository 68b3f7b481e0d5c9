provider "aws" {
  region = var.region
  default_tags {
    tags = {
      Project     = "marketplace"
      Environment = "dev"
      ManagedBy   = "opentofu"
    }
  }
}
