package com.tidewater.billing.invoice;

import jakarta.persistence.*;

@Entity
@Table(name = "invoice_lines")
public class LineItem {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    private Invoice invoice;

    private String sku;
    private String description;
    private int quantity;
    private long unitPriceMinor;
    private boolean taxExempt;

    public long amountMinor() {
        return unitPriceMinor * quantity;
    }

    public void setInvoice(Invoice invoice) { this.invoice = invoice; }
    public String getSku() { return sku; }
    public void setSku(String sku) { this.sku = sku; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public int getQuantity() { return quantity; }
    public void setQuantity(int quantity) { this.quantity = quantity; }
    public long getUnitPriceMinor() { return unitPriceMinor; }
    public void setUnitPriceMinor(long unitPriceMinor) { this.unitPriceMinor = unitPriceMinor; }
    public boolean isTaxExempt() { return taxExempt; }
    public void setTaxExempt(boolean taxExempt) { this.taxExempt = taxExempt; }
}
