package org.openfactory.ingestion.northbound.opcua;

import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;

/**
 * How an OPC UA event becomes a condition value:
 * <ul>
 *   <li>level: a condition that is no longer retained (Retain false) or not active (ActiveState/Id false) is
 *       NORMAL; otherwise the severity decides: 700 and above (OPC UA's "high" band) is FAULT, below is WARNING.
 *       A condition without ActiveState (not an alarm) counts as active while retained; an event that is not a
 *       condition at all counts as active.</li>
 *   <li>native code: the ConditionName, or for plain events the browse name of the event type.</li>
 *   <li>message: the event's Message text.</li>
 * </ul>
 */
final class ConditionMapper {

    /** OPC UA Part 9 suggests 801-1000 high, 601-800 medium high: 700 keeps both "high" bands as faults. */
    static final int FAULT_SEVERITY = 700;

    private ConditionMapper() {
    }

    static Value.Condition map(EventFields event, String eventTypeName) {
        String nativeCode = event.conditionName() != null && !event.conditionName().isBlank()
                ? event.conditionName() : eventTypeName;
        return new Value.Condition(level(event), nativeCode, event.message());
    }

    static ConditionLevel level(EventFields event) {
        if (event.isCondition()) {
            if (Boolean.FALSE.equals(event.retain())) {
                return ConditionLevel.NORMAL;
            }
            boolean active = event.active() != null ? event.active() : Boolean.TRUE.equals(event.retain());
            if (!active) {
                return ConditionLevel.NORMAL;
            }
        }
        return event.severity() >= FAULT_SEVERITY ? ConditionLevel.FAULT : ConditionLevel.WARNING;
    }
}
