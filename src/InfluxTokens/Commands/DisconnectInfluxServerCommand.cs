using System.Management.Automation;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// Disconnect-InfluxServer: forgets this session's connection (Connect-InfluxServer's, or the one opened
    /// from INFLUX_* variables or a CLI profile) and closes its HTTP client.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "InfluxServer")]
    public sealed class DisconnectInfluxServerCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var old = ModuleSession.Current.Clear();
            if (old is null)
            {
                WriteVerbose("There was no connection to forget.");
                return;
            }

            WriteVerbose("Disconnected from " + old + " (" + old.Source + ").");
            if (old.Source != ConnectInfluxServerCommand.SourceName)
                WriteVerbose("Its settings came from " + old.Source + ": the next command connects again from them while they are set.");
        }
    }
}
