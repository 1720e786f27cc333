package io.sesame.platform.control;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * How Sesame reaches AWS (SES and STS share it): a null endpoint means AWS's own, null keys mean the SDK's default
 * credentials chain.
 */
public record AwsConnection(String region, String endpoint, String accessKeyId, String secretAccessKey) {

    /** Static keys when configured, else the SDK's default chain (environment, profile, instance or container role). */
    public AwsCredentialsProvider credentials() {
        if (accessKeyId != null && !accessKeyId.isBlank()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public String toString() {
        return "AwsConnection[region=" + region + ", endpoint=" + endpoint + ", accessKeyId=" + accessKeyId + "]";
    }
}
