package com.tidewater.billing.web;

import com.tidewater.billing.invoice.Invoice;
import com.tidewater.billing.invoice.InvoiceService;
import com.tidewater.billing.payment.ChargeResult;
import java.util.List;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/invoices")
public class InvoiceController {
    private final InvoiceService service;

    public InvoiceController(InvoiceService service) {
        this.service = service;
    }

    @GetMapping("/customer/{customerId}")
    public List<Invoice> history(@PathVariable String customerId) {
        return service.history(customerId);
    }

    @PostMapping("/{id}/issue")
    public Invoice issue(@PathVariable long id, @RequestParam String region, @RequestParam(required = false) String vatId) {
        return service.issue(id, region, vatId);
    }

    @PostMapping("/{id}/collect")
    public ChargeResult collect(@PathVariable long id) {
        return service.collect(id);
    }

    @PostMapping("/{id}/void")
    public Invoice voidInvoice(@PathVariable long id, @RequestBody String reason) {
        return service.voidInvoice(id, reason);
    }
}
