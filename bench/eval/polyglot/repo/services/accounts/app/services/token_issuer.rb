# Mints the RS256 access tokens the gateway verifies. Keys rotate monthly; the previous key stays in
# the JWKS for a day so tokens signed just before the rotation still verify.
class TokenIssuer
  ACCESS_TOKEN_TTL = 15.minutes

  def initialize(keyring: SigningKeyring.current)
    @keyring = keyring
  end

  def issue(customer, scope: "shop")
    now = Time.current.to_i
    payload = { iss: ENV.fetch("TOKEN_ISSUER", "https://accounts.tidewater.example"), sub: customer.external_id, scope: scope, iat: now, exp: now + ACCESS_TOKEN_TTL.to_i }
    JWT.encode(payload, @keyring.private_key, "RS256", { kid: @keyring.kid })
  end
end
