module Api
  class SessionsController < ApplicationController
    def create
      customer = Customer.find_by(email: params[:email].to_s.downcase.strip)
      if customer.nil?
        return render json: { error: "invalid_credentials" }, status: :unauthorized
      end
      return render json: { error: "locked" }, status: :locked if customer.locked?

      if customer.authenticate(params[:password])
        customer.update!(failed_logins: 0, locked_at: nil)
        render json: { access_token: TokenIssuer.new.issue(customer), token_type: "Bearer" }
      else
        customer.register_failed_login!
        render json: { error: "invalid_credentials" }, status: :unauthorized
      end
    end
  end
end
