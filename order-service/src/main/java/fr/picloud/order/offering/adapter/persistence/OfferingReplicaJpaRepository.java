package fr.picloud.order.offering.adapter.persistence;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface OfferingReplicaJpaRepository extends JpaRepository<OfferingReplicaEntity, UUID> {}
