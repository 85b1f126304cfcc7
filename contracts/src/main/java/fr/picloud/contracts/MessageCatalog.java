package fr.picloud.contracts;

import fr.picloud.contracts.billing.BudgetThresholdCrossed;
import fr.picloud.contracts.migration.WaveLaunched;
import fr.picloud.contracts.offering.OfferingDeprecated;
import fr.picloud.contracts.offering.OfferingPriceChanged;
import fr.picloud.contracts.offering.OfferingPublished;
import fr.picloud.contracts.offering.OfferingRetired;
import fr.picloud.contracts.offering.OfferingUpdated;
import fr.picloud.contracts.order.DecommissionRequested;
import fr.picloud.contracts.order.OperationRequested;
import fr.picloud.contracts.order.OrderApprovalEscalated;
import fr.picloud.contracts.order.OrderApproved;
import fr.picloud.contracts.order.OrderCancelled;
import fr.picloud.contracts.order.OrderEndDateChanged;
import fr.picloud.contracts.order.OrderEndReached;
import fr.picloud.contracts.order.OrderEndReminder;
import fr.picloud.contracts.order.OrderExpired;
import fr.picloud.contracts.order.OrderPlaced;
import fr.picloud.contracts.order.OrderRejected;
import fr.picloud.contracts.order.OrderRequestRefused;
import fr.picloud.contracts.order.PlaceOrderRequested;
import fr.picloud.contracts.order.ProvisioningRequested;
import fr.picloud.contracts.provisioning.DecommissionCompleted;
import fr.picloud.contracts.provisioning.OperationCompleted;
import fr.picloud.contracts.provisioning.OperationFailed;
import fr.picloud.contracts.provisioning.ProvisioningCompensated;
import fr.picloud.contracts.provisioning.ProvisioningCompensationFailed;
import fr.picloud.contracts.provisioning.ProvisioningCompleted;
import fr.picloud.contracts.provisioning.ProvisioningFailed;
import fr.picloud.contracts.provisioning.SagaCompensationCompleted;
import fr.picloud.contracts.provisioning.SagaCompensationStarted;
import fr.picloud.contracts.provisioning.SagaStarted;
import fr.picloud.contracts.provisioning.SagaStepCompensated;
import fr.picloud.contracts.provisioning.SagaStepCompleted;
import fr.picloud.contracts.provisioning.SagaStepFailed;
import fr.picloud.contracts.provisioning.SagaStepStarted;
import fr.picloud.contracts.tenant.TenantUpdated;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every message of the platform and the way from its wire name back to its record. */
public final class MessageCatalog {

    /** Add each new message record here; the contract tests then demand its schema and AsyncAPI entry. */
    public static final List<Class<? extends Message>> ALL = List.of(
            OfferingPublished.class,
            OfferingUpdated.class,
            OfferingPriceChanged.class,
            OfferingDeprecated.class,
            OfferingRetired.class,
            OrderPlaced.class,
            OrderApproved.class,
            OrderRejected.class,
            OrderCancelled.class,
            OrderExpired.class,
            OrderApprovalEscalated.class,
            OrderEndReminder.class,
            OrderEndDateChanged.class,
            OrderEndReached.class,
            ProvisioningRequested.class,
            DecommissionRequested.class,
            OperationRequested.class,
            ProvisioningCompleted.class,
            ProvisioningFailed.class,
            ProvisioningCompensated.class,
            DecommissionCompleted.class,
            OperationCompleted.class,
            OperationFailed.class,
            ProvisioningCompensationFailed.class,
            SagaStarted.class,
            SagaStepStarted.class,
            SagaStepCompleted.class,
            SagaStepFailed.class,
            SagaCompensationStarted.class,
            SagaStepCompensated.class,
            SagaCompensationCompleted.class,
            TenantUpdated.class,
            BudgetThresholdCrossed.class,
            PlaceOrderRequested.class,
            OrderRequestRefused.class,
            WaveLaunched.class);

    private static final Map<Key, Class<? extends Message>> BY_KEY =
            ALL.stream().collect(Collectors.toUnmodifiableMap(MessageCatalog::keyOf, Function.identity()));

    private MessageCatalog() {}

    public static MessageType typeOf(Class<? extends Message> messageClass) {
        MessageType type = messageClass.getAnnotation(MessageType.class);
        if (type == null) {
            throw new IllegalArgumentException(messageClass.getName() + " lacks @MessageType");
        }
        return type;
    }

    public static Optional<Class<? extends Message>> find(String type, int version) {
        return Optional.ofNullable(BY_KEY.get(new Key(type, version)));
    }

    /** The file name of a message's JSON Schema under {@code schemas/} on the class path. */
    public static String schemaFileOf(Class<? extends Message> messageClass) {
        MessageType type = typeOf(messageClass);
        return type.type() + ".v" + type.version() + ".json";
    }

    private static Key keyOf(Class<? extends Message> messageClass) {
        MessageType type = typeOf(messageClass);
        return new Key(type.type(), type.version());
    }

    private record Key(String type, int version) {}
}
