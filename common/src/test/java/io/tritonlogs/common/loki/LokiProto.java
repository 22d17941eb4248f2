package io.tritonlogs.common.loki;

import io.airlift.compress.snappy.SnappyDecompressor;
import io.tritonlogs.common.loki.proto.PushRequest;

import java.nio.ByteBuffer;

/** Decodes a push body the way Loki does: block snappy, then logproto.PushRequest from Loki's push.proto. */
public final class LokiProto {
    private LokiProto() {
    }

    public static PushRequest decode(byte[] body) throws Exception {
        SnappyDecompressor snappy = new SnappyDecompressor();
        int length = SnappyDecompressor.getUncompressedLength(body, 0);
        byte[] raw = new byte[length];
        int written = snappy.decompress(body, 0, body.length, raw, 0, length);
        return PushRequest.parseFrom(ByteBuffer.wrap(raw, 0, written));
    }
}
