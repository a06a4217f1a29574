package io.clientele.invitation.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clientele.client.model.GroupId;
import io.clientele.client.model.LabelId;
import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.ValidationException;
import io.clientele.mail.model.OutboxMessage;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pins the defect "campaign, group and label ids are raw UUIDs, so two can be swapped without a
 * compile error": each is its own record type, in the campaign, its targets and the outbox row.
 */
class CampaignIdsTest {

    @Test
    void a_campaign_id_parses_its_text_form_and_refuses_anything_else() {
        UUID value = UUID.randomUUID();

        assertThat(CampaignId.parse(value.toString())).isEqualTo(new CampaignId(value));
        assertThat(new CampaignId(value)).hasToString(value.toString());
        ValidationException refused = catchThrowableOfType(() -> CampaignId.parse("not-a-uuid"),
                ValidationException.class);
        assertThat(refused.field()).isEqualTo("campaignId");
        assertThat(refused.rule()).isEqualTo("format");
    }

    @Test
    void campaign_group_label_and_client_ids_are_distinct_types_where_a_uuid_used_to_be() {
        assertThat(component(Campaign.class, "id").getType()).isEqualTo(CampaignId.class);
        assertThat(component(CampaignTarget.Group.class, "groupId").getType()).isEqualTo(GroupId.class);
        assertThat(component(CampaignTarget.WithLabel.class, "labelId").getType()).isEqualTo(LabelId.class);
        assertThat(optionalOf(component(OutboxMessage.class, "campaignId"))).isEqualTo(CampaignId.class);
        assertThat(optionalOf(component(InvitationEvents.InvitationEnqueued.class, "campaignId")))
                .isEqualTo(CampaignId.class);
        // a group id is no label id, and neither is a campaign or client id, even for one UUID
        UUID same = UUID.randomUUID();
        assertThat(new Object[] {new GroupId(same), new LabelId(same), new CampaignId(same), new ClientId(same)})
                .doesNotHaveDuplicates();
    }

    private static RecordComponent component(Class<?> record, String name) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component;
            }
        }
        throw new AssertionError(record.getSimpleName() + " has no component " + name);
    }

    private static Object optionalOf(RecordComponent component) {
        return ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
    }
}
