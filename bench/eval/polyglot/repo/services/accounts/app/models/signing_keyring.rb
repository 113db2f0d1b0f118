# The RSA keys that sign access tokens. The newest key signs; keys rotated out in the last 24 hours
# are still published so that tokens signed with them verify until they expire.
class SigningKeyring
  ROTATION_OVERLAP = 24.hours

  attr_reader :kid, :private_key

  def self.current
    key = SigningKey.where(retired_at: nil).order(created_at: :desc).first!
    new(kid: key.kid, private_key: OpenSSL::PKey::RSA.new(key.pem))
  end

  def self.published
    SigningKey.where("retired_at IS NULL OR retired_at > ?", ROTATION_OVERLAP.ago)
  end

  def initialize(kid:, private_key:)
    @kid = kid
    @private_key = private_key
  end
end
