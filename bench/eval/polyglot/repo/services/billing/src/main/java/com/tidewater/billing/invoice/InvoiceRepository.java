package com.tidewater.billing.invoice;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface InvoiceRepository extends JpaRepository<Invoice, Long> {
    Optional<Invoice> findByNumber(String number);

    List<Invoice> findByCustomerIdOrderByIssuedAtDesc(String customerId);

    @Query("select i from Invoice i where i.status = 'ISSUED' and i.dueDate < :today")
    List<Invoice> findOverdue(LocalDate today);

    @Query("select coalesce(max(i.number), '') from Invoice i where i.number like concat(:prefix, '%')")
    String findHighestNumberWithPrefix(String prefix);
}
