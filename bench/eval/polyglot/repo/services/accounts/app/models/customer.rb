class Customer < ApplicationRecord
  has_secure_password
  has_many :subscriptions, dependent: :destroy

  validates :email, presence: true, uniqueness: { case_sensitive: false }, format: { with: URI::MailTo::EMAIL_REGEXP }
  validates :vat_id, format: { with: /\A[A-Z]{2}[0-9A-Z]{8,12}\z/ }, allow_blank: true
  before_save { self.email = email.downcase.strip }

  # Locked after too many failed logins; unlocked by the reset mail or after an hour.
  MAX_FAILED_LOGINS = 5

  def locked?
    failed_logins >= MAX_FAILED_LOGINS && locked_at.present? && locked_at > 1.hour.ago
  end

  def register_failed_login!
    increment!(:failed_logins)
    update!(locked_at: Time.current) if failed_logins >= MAX_FAILED_LOGINS
  end

  def business?
    vat_id.present?
  end
end
