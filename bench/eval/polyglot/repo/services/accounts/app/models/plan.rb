class Plan < ApplicationRecord
  INTERVALS = %w[month year].freeze

  has_many :subscriptions
  validates :code, presence: true, uniqueness: true
  validates :interval, inclusion: { in: INTERVALS }
  validates :price_minor, numericality: { greater_than_or_equal_to: 0, only_integer: true }

  def yearly?
    interval == "year"
  end
end
