using System.Text;

namespace Notifications.Gateway.Grpc.Mapping;

/// <summary>Validation names fields by their JSON path ("notifications[2].userId"); gRPC clients know the proto names.</summary>
internal static class GrpcFieldPath
{
    public static string ToProto(string jsonPath)
    {
        var builder = new StringBuilder(jsonPath.Length + 8);
        for (var i = 0; i < jsonPath.Length; i++)
        {
            var c = jsonPath[i];
            if (char.IsUpper(c) && i > 0 && char.IsLetterOrDigit(jsonPath[i - 1]))
            {
                builder.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
