# Password reset by e-mail link. The token is stored only as a digest and is valid for 30 minutes;
# using it also unlocks an account locked by failed logins.
class PasswordResetService
  TOKEN_TTL = 30.minutes

  def request_reset(email)
    customer = Customer.find_by(email: email.to_s.downcase.strip)
    return if customer.nil? # same response either way: do not reveal which addresses have accounts

    token = SecureRandom.urlsafe_base64(32)
    customer.update!(reset_digest: Digest::SHA256.hexdigest(token), reset_sent_at: Time.current)
    CustomerMailer.password_reset(customer, token).deliver_later
  end

  def reset(token, new_password)
    customer = Customer.find_by(reset_digest: Digest::SHA256.hexdigest(token.to_s))
    raise ActiveRecord::RecordNotFound if customer.nil? || customer.reset_sent_at < TOKEN_TTL.ago

    customer.update!(password: new_password, reset_digest: nil, failed_logins: 0, locked_at: nil)
  end
end
