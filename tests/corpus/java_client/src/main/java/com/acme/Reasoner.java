package com.acme;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public final class Reasoner {
    private static final String ENDPOINT = "https://openrouter.ai/api/v1/chat/completions";
    private static final String MODEL = "openai/o3-pro";

    public static void main(String[] args) throws Exception {
        String body = """
            {"model": "%s", "messages": [{"role": "user", "content": "%s"}]}
            """.formatted(MODEL, args[0]);
        HttpRequest request = HttpRequest.newBuilder(URI.create(ENDPOINT))
            .header("Authorization", "Bearer " + System.getenv("OPENROUTER_API_KEY"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.body());
    }
}
