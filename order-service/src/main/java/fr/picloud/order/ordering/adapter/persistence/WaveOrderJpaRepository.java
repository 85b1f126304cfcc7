package fr.picloud.order.ordering.adapter.persistence;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface WaveOrderJpaRepository extends JpaRepository<WaveOrderEntity, UUID> {}
