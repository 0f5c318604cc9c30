"""The gateway's routes, one module per area; `service.GatewayService` brings them together."""
