module Api
  class JwksController < ApplicationController
    def show
      keys = SigningKeyring.published.map do |key|
        public_key = OpenSSL::PKey::RSA.new(key.pem).public_key
        { kty: "RSA", alg: "RS256", use: "sig", kid: key.kid,
          n: Base64.urlsafe_encode64(public_key.n.to_s(2), padding: false),
          e: Base64.urlsafe_encode64(public_key.e.to_s(2), padding: false) }
      end
      expires_in 10.minutes, public: true
      render json: { keys: keys }
    end
  end
end
