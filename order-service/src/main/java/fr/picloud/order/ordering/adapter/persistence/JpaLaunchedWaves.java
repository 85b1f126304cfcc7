package fr.picloud.order.ordering.adapter.persistence;

import fr.picloud.contracts.migration.WaveLaunched;
import fr.picloud.order.ordering.application.LaunchedWaves;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JpaLaunchedWaves implements LaunchedWaves {

    private final WaveOrderJpaRepository jpa;

    JpaLaunchedWaves(WaveOrderJpaRepository jpa) {
        this.jpa = jpa;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(WaveLaunched wave) {
        for (WaveLaunched.Member member : wave.members()) {
            WaveOrderEntity entity = jpa.findById(member.orderId()).orElseGet(WaveOrderEntity::new);
            entity.orderId = member.orderId();
            entity.waveId = wave.waveId();
            entity.tenantId = member.tenant();
            entity.applicationId = member.applicationId();
            jpa.save(entity);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<WaveOrder> order(UUID orderId) {
        return jpa.findById(orderId)
                .map(entity -> new WaveOrder(entity.orderId, entity.waveId, entity.tenantId, entity.applicationId));
    }
}
