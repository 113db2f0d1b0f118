require "net/http"

# Talks to the billing service's invoice API.
class BillingClient
  class Unavailable < StandardError; end

  def initialize(base_url: ENV.fetch("BILLING_URL", "http://billing:8083"), timeout: 5)
    @base = URI(base_url)
    @timeout = timeout
  end

  def create_draft(customer_id:, currency:, lines:)
    request = Net::HTTP::Post.new(URI.join(@base, "/api/invoices/drafts"), "Content-Type" => "application/json")
    request.body = { customerId: customer_id, currency: currency, lines: lines }.to_json
    response = Net::HTTP.start(@base.host, @base.port, read_timeout: @timeout, open_timeout: @timeout) { |http| http.request(request) }
    raise Unavailable, "billing answered #{response.code}" unless response.is_a?(Net::HTTPSuccess)

    JSON.parse(response.body)
  rescue Errno::ECONNREFUSED, Net::OpenTimeout, Net::ReadTimeout => error
    raise Unavailable, error.message
  end
end
