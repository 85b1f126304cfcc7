package fr.picloud.portal.services;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Turns a service's 4xx and 5xx answers into {@link ServiceProblem}s, read from their problem details. */
final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    static RestClient.ResponseSpec raise(RestClient.ResponseSpec response) {
        return response.onStatus(HttpStatusCode::isError, (request, answer) -> {
            ServiceProblem.Body body;
            try {
                body = JSON.readValue(answer.getBody(), ServiceProblem.Body.class);
            } catch (JacksonException e) {
                body = null;
            }
            throw new ServiceProblem(answer.getStatusCode().value(), body);
        });
    }
}
