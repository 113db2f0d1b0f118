import Foundation

/// Talks to the inventory service's /api/counts endpoints with the scanner's device token.
public struct HTTPSyncTransport: SyncTransport {
    let baseURL: URL
    let deviceToken: String
    let session: URLSession

    public init(baseURL: URL, deviceToken: String, session: URLSession = .shared) {
        self.baseURL = baseURL
        self.deviceToken = deviceToken
        self.session = session
    }

    public func push(_ counts: [StockCount]) async throws -> [StockCount] {
        var request = URLRequest(url: baseURL.appendingPathComponent("api/counts"))
        request.httpMethod = "POST"
        request.setValue("Bearer \(deviceToken)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONEncoder.iso8601.encode(counts)
        return try await send(request)
    }

    public func pull(since: Date?) async throws -> [StockCount] {
        var components = URLComponents(url: baseURL.appendingPathComponent("api/counts"), resolvingAgainstBaseURL: false)!
        if let since {
            components.queryItems = [URLQueryItem(name: "since", value: ISO8601DateFormatter().string(from: since))]
        }
        var request = URLRequest(url: components.url!)
        request.setValue("Bearer \(deviceToken)", forHTTPHeaderField: "Authorization")
        return try await send(request)
    }

    private func send(_ request: URLRequest) async throws -> [StockCount] {
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            throw SyncError.offline
        }
        guard let http = response as? HTTPURLResponse, (200..<300).contains(http.statusCode) else {
            throw SyncError.rejected(String(decoding: data, as: UTF8.self))
        }
        return try JSONDecoder.iso8601.decode([StockCount].self, from: data)
    }
}

extension JSONEncoder {
    static let iso8601: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}

extension JSONDecoder {
    static let iso8601: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
