module github.com/tidewater/gateway

go 1.22

require (
	github.com/golang-jwt/jwt/v5 v5.2.1
	github.com/redis/go-redis/v9 v9.6.1
)
