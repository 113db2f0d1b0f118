package com.tidewater.billing.invoice;

import jakarta.persistence.*;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "invoices")
public class Invoice {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String customerId;
    private String number;
    private String currency;

    @Enumerated(EnumType.STRING)
    private InvoiceStatus status = InvoiceStatus.DRAFT;

    private long subtotalMinor;
    private long taxMinor;
    private LocalDate dueDate;
    private Instant issuedAt;
    private int paymentAttempts;

    @OneToMany(mappedBy = "invoice", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<LineItem> lines = new ArrayList<>();

    public long totalMinor() {
        return subtotalMinor + taxMinor;
    }

    public Long getId() { return id; }
    public String getCustomerId() { return customerId; }
    public void setCustomerId(String customerId) { this.customerId = customerId; }
    public String getNumber() { return number; }
    public void setNumber(String number) { this.number = number; }
    public String getCurrency() { return currency; }
    public void setCurrency(String currency) { this.currency = currency; }
    public InvoiceStatus getStatus() { return status; }
    public void setStatus(InvoiceStatus status) { this.status = status; }
    public long getSubtotalMinor() { return subtotalMinor; }
    public void setSubtotalMinor(long subtotalMinor) { this.subtotalMinor = subtotalMinor; }
    public long getTaxMinor() { return taxMinor; }
    public void setTaxMinor(long taxMinor) { this.taxMinor = taxMinor; }
    public LocalDate getDueDate() { return dueDate; }
    public void setDueDate(LocalDate dueDate) { this.dueDate = dueDate; }
    public Instant getIssuedAt() { return issuedAt; }
    public void setIssuedAt(Instant issuedAt) { this.issuedAt = issuedAt; }
    public int getPaymentAttempts() { return paymentAttempts; }
    public void setPaymentAttempts(int paymentAttempts) { this.paymentAttempts = paymentAttempts; }
    public List<LineItem> getLines() { return lines; }
}
